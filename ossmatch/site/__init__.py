"""``ossmatch site``: a community's own static portal of beginner-friendly issues.

config (community.toml) -> collect (search, repositories, audits; bounded requests) -> data (the
ranking and audit seen as a generic newcomer would) -> pages (HTML, issues.json, Atom feeds).
"""
