export const electronDir: string;
export function electronBinary(): string | null;
