"""Prefect flows: the nightly job and the small steps it is made of."""
