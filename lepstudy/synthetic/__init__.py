"""Beside the flow: the seeded generator of the synthetic stand-ins for the confidential inputs."""
