"""Writing: drafts for every channel, and a proofreader that knows names. Pure, given facts."""
