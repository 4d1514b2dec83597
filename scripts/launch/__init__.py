"""Launch commands: the command that starts an engine's server with the reader's choices, from data/launch.yaml.

- catalog.py   load and check data/launch.yaml (schema, then engine and format-family ids)
- commands.py  build the command lines for one request: the only rules; docs/assets/javascripts/launch.js
               follows the same steps on the exported data (api/launch.json), tests/browser/test_launch.py
               checks that both give the same strings
- export.py    the JSON the browser reads
"""
