import{c as s,ak as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-DD0X-RiP.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
