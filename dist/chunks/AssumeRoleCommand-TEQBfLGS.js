import{c as s,aj as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-BwHRVeCl.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
