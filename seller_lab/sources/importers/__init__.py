"""One importer per real export layout (see :mod:`seller_lab.sources.detect`)."""
