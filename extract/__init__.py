"""Text -> records: reading articles, parsing, mentions and stances."""
