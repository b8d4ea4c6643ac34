/** The pooling family: registers its layers (registerLayer) and exports them. */
export {};
