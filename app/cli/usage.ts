/** `ferry --help`. */
export const USAGE = `Usage:
  ferry ls [-r] [--long] [--json] <location>
  ferry cp [-r] [options] <source>... <destination>
  ferry mv [-r] [options] <source>... <destination>
  ferry rm [-r] [options] <location>...
  ferry sync [options] <source> <destination>      make the destination match the source
  ferry diff [options] <left> <right>               exit 0 when equal, 1 when they differ
  ferry resume [options] [<job-id> | --all]
  ferry jobs

A location is NAME:bucket/key-or-prefix, NAME: (the buckets), s3://bucket/key
(with --connection NAME, or FERRY_CONNECTION=NAME), or a local path. NAME is
two or more characters: a single letter before ':' is a Windows drive letter.
Connection NAME comes from FERRY_<NAME>_ENDPOINT, _REGION, _ACCESS_KEY_ID,
_SECRET_ACCESS_KEY, _SESSION_TOKEN, _CA_FILE and _PATH_STYLE (true/false), or
from a saved connection with that name; AWS_* variables are never read.
HTTPS_PROXY, HTTP_PROXY and NO_PROXY are obeyed. A
destination is always a folder or prefix. ferry rm deletes one object, or with
-r everything under a prefix (NAME:bucket/ is every object in the bucket; the
bucket itself stays).

Options:
  -r, --recursive              copy (or delete) prefixes and folders with everything below them
  -n, --dry-run                show what would be copied, moved, deleted or synced, and change nothing
  --include <glob>             only keys matching (*, **, ?, [a-z]; a leading / anchors at the root); repeatable
  --exclude <glob>             leave out keys matching; repeatable; wins over --include
  --connection <NAME>          the connection s3:// locations use
  --delete                     sync: also delete what exists only at the destination
  --two-way                    sync: copy whichever side is newer, both ways; ties are listed as conflicts
  --deep                       sync, diff: hash the content where ETags cannot tell (multipart objects)
  --mtime                      sync, diff: modification times that differ make a key different
  --plan <digest>              sync: run only if the plan is still the one a dry run printed
  -l, --long                   ls: date, size in bytes and name (sizes are human-readable otherwise)
  --conflict <policy>          overwrite (default), skip, keep-both, overwrite-if-newer, overwrite-if-different
  --objects <n>                objects in flight, fixed (default: 16, growing to 256 while more pays)
  --parts <n>                  parts in flight (default 16)
  --part-size <size>           part size for uploads (default 8MiB, at most 5GiB; raised to the provider's least, and grown to fit its part count)
  --multipart-threshold <size> objects up to this size go as one PUT (default: the part size, at most 5GiB)
  --memory <size>              bytes held in part buffers at most (default 64MiB, or --parts × --part-size when those are given)
  --sockets <n>                requests in flight per endpoint at most (default 256)
  --bwlimit <size>             total read rate per second, e.g. 20MiB (default: none)
  --idle-timeout <seconds>     cut and retry a request silent this long (default 30)
  --connect-timeout <seconds>  give up a connection not made this fast (default 10)
  --retries <n>                attempts per request (default 6)
  --copy-threshold <size>      largest server-side CopyObject before UploadPartCopy (default: the provider's)
  --copy-part-size <size>      part size of UploadPartCopy (default 64MiB, at most 5GiB)
  --batch-size <n>             rm: keys per DeleteObjects request (default and most 1000)
  --batches <n>                rm: DeleteObjects requests in flight (default 8)
  --json                       one JSON object for the summary (ls, diff: one per line)
  -q, --quiet                  no progress line
  -h, --help                   this text
Sizes take B, KiB, MiB, GiB (or K, M, G, also 1024-based) and KB, MB, GB (1000-based).
Exit codes: 0 done, 1 some items failed (diff: the sides differ), 2 usage, 130 interrupted (the job is paused: ferry resume).`;
