"""Offline fixture portals: a local HTTP server imitating the five portals."""
