"""Samverka: joint ANDTS prevention work for municipalities, police and county boards."""
