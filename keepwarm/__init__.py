"""keepwarm: a self-hosted job-search relationship manager."""

__version__ = "0.1.0"
