/** Registers the file formats of the io packages with the models package (side effect). */
export {};
