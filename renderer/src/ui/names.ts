/** What a list, an inspector or a confirmation calls an object that has no name: its id, said so. */
export const unnamed = (id: string) => `Unnamed (${id})`;
