"""The promises app's part of the synthetic data: added when its models land."""


def generate(ctx):
    return
