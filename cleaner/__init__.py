"""cleaner: the clean article body of scraped news pages, with title, authors and date.

    from cleaner import clean, Cleaner
    result = clean(html, url="https://example.com/story")   # bundled profiles
    cleaner = Cleaner(profile_dirs=["my_profiles"])         # load profiles once, reuse
    result = cleaner.clean(text)
    result.text, result.title, result.authors, result.date, result.removed
"""
from .config import CleanerConfig
from .model import Document, Failure, Result
from .pipeline import Cleaner, clean
from .profiles import ProfileError

__all__ = ["clean", "Cleaner", "CleanerConfig", "Document", "Failure", "Result", "ProfileError"]
__version__ = "0.1.0"
