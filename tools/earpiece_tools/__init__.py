"""Tools around the earpiece: the virtual earpiece, benchmarks, flashing, images and provisioning."""
