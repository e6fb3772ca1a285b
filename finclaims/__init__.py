"""finclaims: capex guidance, ad claims and stances from financial text, with provenance."""

__version__ = "0.1.0"
