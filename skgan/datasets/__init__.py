"""Social-media datasets for imbalanced learning: two bundled, two read from a user path."""

from ._facebook import load_facebook_metrics
from ._youtube import load_youtube_spam

__all__ = ["load_facebook_metrics", "load_youtube_spam"]
