"""The foundation every layer may use: errors, settings, the text catalogue, privacy
helpers and calendar arithmetic. It imports nothing of ours but ``schema``."""
