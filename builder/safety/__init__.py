"""Guards every reader and writer shares: text sanitising and the xlsx size/bomb checks."""
