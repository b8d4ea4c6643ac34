/** The activation-layers family: registers its layers (registerLayer) and exports them. */
export {};
