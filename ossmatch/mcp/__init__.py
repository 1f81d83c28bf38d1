"""``ossmatch mcp``: ossmatch's tools for AI assistants, over the Model Context Protocol.

``server`` wires the tools to the SDK, ``tools`` adapts each to the library and its JSON (``suggest``
runs as ``ai_assisted``, so the pipeline keeps assistants away from projects that do not want
AI-assisted work), ``outputs`` reads the published schemas.
"""
