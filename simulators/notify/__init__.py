"""A local receiver for notification tests: webhook/robot HTTP posts and SMTP mail."""
