"""Bridges to data-processing engines, each an optional extra; the core never imports them."""
