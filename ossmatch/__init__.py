"""ossmatch: find open-source issues you can finish, and help maintainers welcome newcomers."""

__version__ = "0.1.0"
