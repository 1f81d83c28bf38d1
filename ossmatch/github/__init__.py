"""The fetch layer: the only package that knows PyGithub and GitHub's wire formats.

It returns frozen models from ``ossmatch.models``; nothing above it sees a PyGithub object.
"""
