"""Small-batch test (R2): the pilot's verdict from sessions, orders and reviews (R2.2)."""
