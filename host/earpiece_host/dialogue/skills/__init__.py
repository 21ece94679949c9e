"""The OS's skills: each a small module behind the one `Skill` interface in base.py."""
