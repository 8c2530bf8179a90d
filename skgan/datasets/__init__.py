"""Social-media datasets for imbalanced learning.

``facebook_metrics`` and ``youtube_spam`` (UCI, CC BY 4.0) ship with skgan;
``twitter_bots`` and ``instagram_fake`` state no data licence, so their loaders
read a copy the user downloaded (``path=``). Every loader applies the cleaning
its ``DESCR`` documents and never touches the network. :func:`make_social_table`
generates a mixed-type table of that kind at any size.
"""

from ._facebook import load_facebook_metrics
from ._instagram import load_instagram_fake
from ._registry import list_datasets, load_dataset
from ._social import make_social_table
from ._subsample import subsample_class
from ._twitter import load_twitter_bots
from ._variant import load_variant, parse_variant
from ._youtube import load_youtube_spam

__all__ = [
    "list_datasets",
    "load_dataset",
    "load_facebook_metrics",
    "load_instagram_fake",
    "load_twitter_bots",
    "load_variant",
    "load_youtube_spam",
    "make_social_table",
    "parse_variant",
    "subsample_class",
]
