"""HIS simulator: a small local stand-in for the hospital information system behind Wailian."""

from simulators.his.server import HisServer, serve_his

__all__ = ["HisServer", "serve_his"]
