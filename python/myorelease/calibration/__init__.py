"""Calibration of tissue presets against published experiments.

Each module reproduces one experiment with the FE model, measures what the paper measured, and
fits the preset's parameters to the paper's figures: ``isogai`` (in vivo compression of gluteal fat
and muscle under an ultrasound probe, Isogai et al. 2022) and ``remus`` (in vivo indentation of
the relaxed abdomen by a hemispherical tip, Remus et al. 2024).
"""
