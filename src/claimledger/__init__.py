"""claimledger: a sourced ledger of who said what about a contested story."""

import logging

__version__ = "0.1.0"

# A library never configures logging; only the CLI prints.
logging.getLogger(__name__).addHandler(logging.NullHandler())
