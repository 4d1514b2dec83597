"""Quality audit: Lighthouse and axe-core against the built site (see run.py and axe.py)."""
