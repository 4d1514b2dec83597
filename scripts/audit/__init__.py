"""Quality audit: Lighthouse and axe-core against the built site (see run.py and axe.py)."""

# One page of each type, by the name `make audit` prints: run.py measures them, tests/browser/test_quality.py checks them.
PAGES = {
    "home": "",
    "learn/basics": "learn/basics/",
    "compare": "compare/",
    "choose": "choose/",
    "calculator": "calculator/",
    "engine (vllm)": "engines/vllm/",
    "model (llama-3.1-8b)": "models/llama-3.1-8b/",
    "hardware": "hardware/",
    "about": "about/",
}
