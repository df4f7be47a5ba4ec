"""Quality figures: extraction against the gold set, search against the judged queries."""
