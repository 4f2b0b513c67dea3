"""Running on several machines: read replica routing, start-up checks of the shared services, health."""
