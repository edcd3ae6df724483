"""The resolve stage: which outlet profile applies to a document.

In order of trust: the outlet the caller names, the domain of the document's URL, the domain
the page declares for itself (canonical link, og:url: pages often arrive without their URL),
a text signature of the outlet (bare text has nothing else), and finally the generic profile.
"""
from __future__ import annotations

from .metadata import page_url
from .profiles import Profile
from .registry import ProfileRegistry
from .urls import host_of


def resolve(registry: ProfileRegistry, content: str, outlet: str = "", url: str = "", tree=None) -> tuple[Profile, str]:
    """The profile for a document and how it was chosen (outlet, url, page-url, signature, generic)."""
    if outlet and (profile := registry.named(outlet)):
        return profile, "outlet"
    if url and (profile := registry.for_host(host_of(url))):
        return profile, "url"
    declared = page_url(tree) if tree is not None else None
    if declared and (profile := registry.for_host(host_of(declared))):
        return profile, "page-url"
    if profile := registry.by_signature(content):
        return profile, "signature"
    return registry.generic, "generic"
