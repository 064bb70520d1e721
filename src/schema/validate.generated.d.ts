// Type of the generated standalone validator (see scripts/generate.mjs).
export declare const validate: (data: unknown) => boolean;
export default validate;
