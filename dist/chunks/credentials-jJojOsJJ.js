const r=/^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/[^/]+\/.+$/;function s(s){const e=r.exec(s);if(!e)throw new Error(`not an assumed-role ARN: ${s}`);return e[1]}export{s as a};
