"""The command line and what each command does (build, batch, validate, extract, diff, preview, init, schema).

Commands are thin: they read options, call the assumptions, model, report and render layers, and commit
outputs all or nothing (`outputs.py`).
"""
