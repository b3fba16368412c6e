export declare const CLI_LAUNCHER: string;
