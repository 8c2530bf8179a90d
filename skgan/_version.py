"""The version of skgan, in a module of its own: the save file records it, and a
leaf can be imported from anywhere in the package without a cycle."""

__version__ = "0.5.0.dev0"
