import{c as s,ak as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-Cew9aGEN.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
