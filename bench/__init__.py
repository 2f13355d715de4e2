"""`make bench`: how fast the main pages are for a heavy user. Not part of `make test`."""
