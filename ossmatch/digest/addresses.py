"""Mail addresses from configuration, checked before they reach a header or an SMTP command."""

from __future__ import annotations

from email.headerregistry import Address, AddressHeader, HeaderRegistry

from ossmatch.errors import UsageProblem
from ossmatch.render.text import one_line


def parse_address(text: str) -> Address:
    """Parse one address (``a@b.org`` or ``Name <a@b.org>``); line breaks are refused outright."""
    if any(ch in text for ch in "\r\n\0"):
        raise UsageProblem("a mail address contains a line break")
    try:
        header = HeaderRegistry()("To", text.strip())
    except (ValueError, IndexError, TypeError):
        header = None
    addresses = header.addresses if isinstance(header, AddressHeader) else ()
    if len(addresses) != 1 or not addresses[0].username or not addresses[0].domain:
        raise UsageProblem(f"not a mail address: {one_line(text)!r}")
    return addresses[0]
