"""One module per part of the model; each has one build function (see `model/assemble.py`)."""
