/** The conv family: registers its layers (registerLayer) and exports them. */
export {};
