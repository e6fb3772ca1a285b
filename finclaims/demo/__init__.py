"""The bundled offline demo: a small news site and EDGAR-shaped endpoints served on loopback."""
