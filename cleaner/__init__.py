"""cleaner: the clean article body of scraped news pages, with title, authors and date.

    from cleaner import clean, Cleaner
    result = clean(html, url="https://example.com/story")   # bundled profiles
    cleaner = Cleaner(profile_dirs=["my_profiles"])         # load profiles once, reuse
    result = cleaner.clean(text)
    result.text, result.title, result.authors, result.date, result.removed
    for outcome in clean_batch(documents, jobs=4):          # worker processes, hard timeout
        ...
"""
from .config import CleanerConfig
from .limits import DocumentTimeout, DocumentTooLarge, LimitExceeded, ParserLimit
from .model import Document, Failure, Result
from .pipeline import Cleaner, clean
from .profiles import ProfileError
from .runner import clean_batch

__all__ = ["clean", "clean_batch", "Cleaner", "CleanerConfig", "Document", "Failure", "Result", "ProfileError",
           "LimitExceeded", "DocumentTimeout", "DocumentTooLarge", "ParserLimit"]
__version__ = "0.1.0"
