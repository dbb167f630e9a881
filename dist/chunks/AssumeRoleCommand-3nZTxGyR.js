import{c as s,aj as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-CrKz-4cf.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
