import{c as s,ai as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-cSr7FJFR.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
