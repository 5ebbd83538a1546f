"""Domain: pure Python clinical knowledge. No Qt, no database."""
